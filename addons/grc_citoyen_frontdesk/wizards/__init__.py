from . import grc_letter_register
