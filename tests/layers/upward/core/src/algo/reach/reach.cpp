// A fixture for scripts/check_layers.py: an algorithm that reads a file itself
// breaks the map (algo/ never includes io/); the check must fail here.
#include <refnet/io/load.hpp>
