"""Language data for 'en': word lists as plain literals, no I/O.

Each module holds one kind of cue under the same file name in every language
(noise, roles, instruments, cues, months, domains, forums, words), so the code
applies them side by side. To add a language, copy this folder and translate.
"""

from citygraph.extract.lang.en import cues, domains, forums, gazetteer_stop, instruments, months, noise, roles, words

__all__ = ["cues", "domains", "forums", "gazetteer_stop", "instruments", "months", "noise", "roles", "words"]
