// A fixture for scripts/check_layers.py (see core/src/algo/reach/reach.cpp).
#pragma once
