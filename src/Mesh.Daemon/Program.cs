Console.Error.WriteLine("meshd: not built yet"); return 2;
