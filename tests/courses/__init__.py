"""Tests of the courses domain and its REST endpoints."""
