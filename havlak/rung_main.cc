// The main of every rung binary. CMake compiles it once per rung with
// HAVLAK_RUNG_HEADER (say "havlak1/rung.h") and HAVLAK_RUNG (havlak1::Rung).
#include "havlak/driver.h"
#include HAVLAK_RUNG_HEADER

int main(int argc, char** argv) {
  return havlak::RungMain<HAVLAK_RUNG>(argc, argv);
}
