"""sigmakkt_emulator: software FN, printer and OFD server for tests and users' CI.

It reuses :mod:`sigmakkt.protocol` for every codec and never imports the Register API.
"""
