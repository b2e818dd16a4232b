"""Invented demo sessions, written by the Alliance authors for the demo agency. No real people; no dataset text."""
