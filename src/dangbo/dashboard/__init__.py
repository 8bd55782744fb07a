"""The dashboard: targets against actuals, projections and charts for a scope and a period."""
