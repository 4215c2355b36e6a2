"""The AT-SPI walk of the reader window (scripts/test/atspi.sh): see walk.py."""
