"""'Care asks police': what preventive requests (prevention) and reports of unsafe situations (unsafety) share.

Both are a care organisation asking a police organisation to act, in a municipality, under the werkafspraak in
force. This package holds the abstract model, the scoping, the checks before asking and the form pieces they
share; it has no tables of its own and is not an installed app.
"""
