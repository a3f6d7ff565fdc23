using Hotline.Host;

return HotlineCli.Run(args, Console.Out, Console.Error);
