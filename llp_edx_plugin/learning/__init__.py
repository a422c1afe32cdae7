"""Learning: XBlock runtime and user state, completion, gating, grades and the requirements diagnosis."""
