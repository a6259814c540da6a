"""Small graph inputs the Python-driven checks share (option_walk.py,
validate_outputs.py): one definition, so both walk and validate the same files.
"""


def write_weighted_graph(path):
    """40 users, 1 to 5 weighted out-ties each (weights 1 to 3): `u v w` rows."""
    with open(path, "w") as f:
        for u in range(40):
            for d in range(1, 2 + u % 5):
                f.write(f"{u} {(u * d * 7 + d + 5) % 40} {1 + ((u + d) % 3)}\n")


def write_labels(path):
    """A label for each of the weighted graph's 40 users: four groups."""
    with open(path, "w") as f:
        for u in range(40):
            f.write(f"{u} {u % 4}\n")
