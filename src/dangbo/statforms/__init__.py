"""The official statistics forms (Biểu số N-BTCTW) as versioned definitions over the records."""
