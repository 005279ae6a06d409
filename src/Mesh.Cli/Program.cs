Console.Error.WriteLine("meshctl: not built yet"); return 2;
