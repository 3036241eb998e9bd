"""Turning results into text: rich tables for people, JSON for scripts."""
