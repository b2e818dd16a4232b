"""What each page shows, built as a plain dict for its template: the caseload, a client's page,
My practice, the team, the practice room and the administrator's home. Views call these and render."""
