"""Writes the numpy fixtures of the region tests (run with python3 + numpy from this folder).

acronyms_unicode.npy  <U.. array, as IBL publishes clusters.brainLocationAcronyms_ccf_2017
acronyms_object.npy   the same acronyms as an object array (np.save pickles it; None marks a missing one)
acronyms_bytes.npy    |S.. byte strings
acronyms_unsafe.npy   an object array whose pickle names os.system: must be refused, never executed
channel_ids.npy       int64 Allen ids per channel (channels.brainLocationIds_ccf_2017)
cluster_channels.npy  int64 channel per cluster (clusters.channels)
"""
import os
import numpy as np

acronyms = ["CA1", "PO", "VISp5", "root", "DG-mo", "CA1"]
np.save("acronyms_unicode.npy", np.array(acronyms))
np.save("acronyms_object.npy", np.array(acronyms[:-1] + [None], dtype=object), allow_pickle=True)
np.save("acronyms_bytes.npy", np.array([a.encode() for a in acronyms]))


class Unsafe:
    def __reduce__(self):
        return (os.system, ("echo this must never run",))


np.save("acronyms_unsafe.npy", np.array(["CA1", Unsafe()], dtype=object), allow_pickle=True)
np.save("channel_ids.npy", np.array([382, 1020, 778, 997, 0, 123456789], dtype=np.int64))
np.save("cluster_channels.npy", np.array([1, 0, 2, 5, 1], dtype=np.int64))
