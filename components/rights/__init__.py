"""The Participant records page: export everything held about one participant, or erase them."""
