"""The Django web application: thin views over the records and the core."""
