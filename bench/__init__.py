"""The benchmark of `make bench`: the stock `rasa init` bot, this assistant and the cluster, side by side."""
