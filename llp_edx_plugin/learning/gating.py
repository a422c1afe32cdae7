"""Lesson gating: lesson N+1 is locked until lesson N is complete (pure rules)."""
