"""Pure legal computations: dates and Decimals in, frozen findings with citations out."""
