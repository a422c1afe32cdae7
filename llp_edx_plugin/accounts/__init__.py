"""Accounts: companies, profiles with account types, course roles and the permission rules."""
