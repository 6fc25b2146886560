"""Principle frameworks: reads apart from writes.

    listing  the frameworks and their principles, as shown on the Frameworks page
    checks   what a framework must satisfy before it is saved (plain messages)
    editor   create, rename, retire: the writes, audited, never losing ratings already given
"""
