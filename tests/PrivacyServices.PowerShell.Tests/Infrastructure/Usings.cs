global using System.Collections.ObjectModel;
global using Xunit;
