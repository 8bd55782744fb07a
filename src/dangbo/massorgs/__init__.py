"""Trade union, Youth Union, veterans' association: activities and funds."""
