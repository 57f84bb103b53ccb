module havlak

go 1.19
