"""The loan store: tables, the one repository with SQL in it, and seeding from the fixture."""
