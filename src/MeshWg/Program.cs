Console.Error.WriteLine("mesh-wg: not built yet"); return 2;
