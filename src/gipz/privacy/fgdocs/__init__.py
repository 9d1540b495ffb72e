"""The privacy officer's documents, generated from the system itself: the register of processing activities (AVG
art. 30), a pre-filled DPIA (art. 35), the controller map with the essence of the joint-controller arrangement
(art. 26), the processor checklist for the host (art. 28) and a privacy-statement template (art. 13/14)."""
