// Errors and warnings as values (octavo/error.hpp), as the stages include them.
#pragma once

#include "octavo/error.hpp"
