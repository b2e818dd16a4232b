"""Function views, split by feature; each is short and calls one access helper."""
