"""Advanced Settings and grading policy: rules, domain update, REST API and pages."""
