using LiveShop.LoadTests;

return await Cli.RunAsync(args);
