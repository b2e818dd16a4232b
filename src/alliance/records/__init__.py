"""Records: the Django models Alliance keeps, with one access helper per record type."""
