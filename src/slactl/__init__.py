"""slactl: exact SLA deadlines, severities, communications and quotes from YAML support policies."""

__version__ = "0.1.0"
