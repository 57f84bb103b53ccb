// The main of every rung binary. cmake/HavlakRung.cmake compiles it once per
// rung NAME with HAVLAK_RUNG_HEADER "NAME/rung.h" and HAVLAK_RUNG NAME::Rung.
#include "havlak/driver.h"
#include HAVLAK_RUNG_HEADER

int main(int argc, char** argv) {
  return havlak::RungMain<HAVLAK_RUNG>(argc, argv);
}
