"""Hostile strings that every user-supplied text in a report must survive escaped."""

MALICIOUS = "<script>alert(1)</script>"
MALICIOUS_ATTR = '"><img src=x onerror=alert(2)>'
