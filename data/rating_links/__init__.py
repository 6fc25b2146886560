"""Young people rate a session themselves, from a link or a QR code, without an account.

    tokens     the unguessable token: made, hashed for the store, compared in constant time
    links      open a rating window for a session, close it, find it from a token, list them
    responses  one device's answers: checked and saved through the forms' path (the importer's
               rules), a second send from the same device replacing the first
    results    how many answered, and the young people's and staff's means per principle
    qr         the link as a QR code (PNG and SVG), large enough to scan across a room
"""
