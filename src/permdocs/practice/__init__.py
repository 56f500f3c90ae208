"""Social-work practice as data and dates: statutory timescales, calendar dates and bank holidays,
family-time schedules, the case's own chronology, the routes knowledge base and the review of
later-life letters."""
