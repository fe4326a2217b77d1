namespace Forum.Synthesis;
