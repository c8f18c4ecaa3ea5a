"""Promises Kept: the rules behind the course site (lessons, quizzes, checklist, handouts).

Nothing in this package imports MkDocs: the thin modules in ``hooks/`` hand it plain data,
so every rule can be tested without a build.
"""
