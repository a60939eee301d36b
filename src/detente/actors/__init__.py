"""The actors stage: dictionaries of actors and sector nouns, and coding the actors of a document.

`load_actor_dictionary(paths)` reads the bundled dictionaries and the user's files once;
`code_actors(doc, dictionary, published=..., speakers=...)` codes one parsed document.
"""

from detente.actors.coder import READS, code_actors, names_its_country
from detente.actors.dictionary import ActorDictionary, load_actor_dictionary

__all__ = [
    "READS",
    "ActorDictionary",
    "code_actors",
    "load_actor_dictionary",
    "names_its_country",
]
