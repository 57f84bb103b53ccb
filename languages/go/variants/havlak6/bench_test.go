package main

import (
	"testing"

	"havlak/havlak"
)

// BenchmarkFindLoops/<blocks>: one loop finding on each Hundt-shaped graph
// of the C++ sweep (havlak.BenchShapes); `make bench` runs it and reports it
// as go-havlakN/FindLoops/<blocks>.
func BenchmarkFindLoops(b *testing.B) { havlak.BenchFindLoops(b, &rung) }
