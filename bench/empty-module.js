// An empty module: bench/cold.html imports it to measure the floor of a cold start (see there).
export {};
