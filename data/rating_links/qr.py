"""The rating link as a QR code: PNG for the screen and slides, SVG for print. Error correction
level M and a module size that makes the code about 10 cm wide on a projected slide, so a phone
can read it from the back of a room."""

import io

import segno

PNG_SCALE = 12      # pixels per module: a 22-character link gives a code of about 450 px
BORDER = 4          # the quiet zone the QR standard asks for


def qr_png(link: str) -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=PNG_SCALE, border=BORDER)
    return out.getvalue()


def qr_svg(link: str) -> bytes:
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="svg", scale=PNG_SCALE, border=BORDER,
                                                  title="QR code of the link to rate this session")
    return out.getvalue()


def rating_url(base_url: str, token: str) -> str:
    """The short link: the app's own address with the token as `?rate=`."""
    return f"{base_url.rstrip('/')}/?rate={token}"
