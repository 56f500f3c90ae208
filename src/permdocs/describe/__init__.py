"""What the commands print besides documents: check reports, the field reference, the published
schemas, the routes report, and the checks of council templates and their fields."""
