using System.Management.Automation.Language;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using PrivacyServices.PowerShell.Tests.Infrastructure;

namespace PrivacyServices.PowerShell.Tests;

/// <summary>
/// The coexistence rule (docs/coexistence.md), read from the built module's files without loading them: the module folder
/// holds what the session shares (the cmdlets, Core, the loader and their dependency closure), Dependencies/ what the module
/// keeps to itself (PrivacyServices.EntraId, MSAL and what MSAL brings); nothing shared references or exposes an isolated
/// assembly; the manifest loads nothing before the root module and names every cmdlet.
/// </summary>
public sealed class ModuleLayoutTests
{
    private static readonly string[] ModuleOwnSharedAssemblies = { "PrivacyServices", "PrivacyServices.Core", "PrivacyServices.Loader" };
    private static readonly string[] MustBeIsolated = { "PrivacyServices.EntraId", "Microsoft.Identity.Client", "Microsoft.IdentityModel.Abstractions" };

    private static string ModuleFolder => Path.GetDirectoryName(RepoPaths.ModuleManifest)!;

    private static string DependencyFolder => Path.Combine(ModuleFolder, "Dependencies");

    private static Dictionary<string, string> Shared => AssemblyFiles(ModuleFolder);

    private static Dictionary<string, string> Dependencies => AssemblyFiles(DependencyFolder);

    /// <summary>What .NET itself ships: in PowerShell 7 the module's context leaves these to the runtime, so they are never isolated.</summary>
    private static HashSet<string> PlatformAssemblies { get; } =
        Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase)!;

    /// <summary>The assemblies that load in the module's own context in PowerShell 7: Dependencies/ less what the runtime ships.</summary>
    private static HashSet<string> Isolated => Dependencies.Keys.Where(name => !PlatformAssemblies.Contains(name)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void MSAL_and_PrivacyServices_EntraId_are_isolated_and_the_cmdlets_Core_and_the_loader_are_shared()
    {
        foreach (var name in MustBeIsolated)
        {
            Assert.True(Isolated.Contains(name), $"{name} must be in Dependencies/ (isolated); Dependencies/ has: {string.Join(", ", Dependencies.Keys)}");
        }

        foreach (var name in ModuleOwnSharedAssemblies)
        {
            Assert.True(Shared.ContainsKey(name), $"{name}.dll must be in the module folder itself (shared).");
        }
    }

    [Fact]
    public void No_assembly_is_in_the_module_twice()
    {
        Assert.Empty(Shared.Keys.Intersect(Dependencies.Keys, StringComparer.OrdinalIgnoreCase));
        Assert.Empty(Directory.GetDirectories(DependencyFolder));
    }

    [Fact]
    public void The_shared_folder_holds_only_the_closure_of_the_cmdlets_Core_and_the_loader()
    {
        var shared = Shared;
        var reachable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(ModuleOwnSharedAssemblies);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (reachable.Add(name))
            {
                foreach (var reference in References(shared[name]).Where(shared.ContainsKey))
                {
                    pending.Push(reference);
                }
            }
        }

        var strays = shared.Keys.Where(name => !reachable.Contains(name)).ToList();
        Assert.True(strays.Count == 0, $"Nothing shared needs {string.Join(", ", strays)}: it belongs in Dependencies/ (isolated).");
    }

    [Fact]
    public void Shared_assemblies_reference_only_shared_or_platform_assemblies_never_an_isolated_one()
    {
        var shared = Shared;
        var dependencies = Dependencies;
        var hostProvided = new[] { "System.Management.Automation", "netstandard", "mscorlib" };
        var violations = new List<string>();
        foreach (var (name, path) in shared)
        {
            foreach (var reference in References(path))
            {
                if (dependencies.ContainsKey(reference))
                {
                    violations.Add($"{name} references {reference}, which is in Dependencies/");
                }
                else if (!shared.ContainsKey(reference) && !PlatformAssemblies.Contains(reference) && !hostProvided.Contains(reference))
                {
                    violations.Add($"{name} references {reference}, which the module does not ship");
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void The_loader_depends_on_the_runtime_alone()
    {
        var references = References(Shared["PrivacyServices.Loader"]);
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Contains(reference, PlatformAssemblies));
    }

    [Theory]
    [InlineData("PrivacyServices")]
    [InlineData("PrivacyServices.Core")]
    public void Public_API_names_no_isolated_type(string assemblyName)
    {
        using var context = NewMetadataLoadContext();
        var assembly = context.LoadFromAssemblyPath(Shared[assemblyName]);
        var isolated = Isolated;
        var leaks = PublicSurface(assembly)
            .SelectMany(use => Expand(use.Type).Select(type => (use.Where, Type: type)))
            .Where(use => isolated.Contains(use.Type.Assembly.GetName().Name!))
            .Select(use => $"{use.Where}: {use.Type.FullName} ({use.Type.Assembly.GetName().Name})")
            .Distinct()
            .ToList();

        Assert.True(leaks.Count == 0, "Isolated types in the public API:\n" + string.Join("\n", leaks));
        Assert.NotEmpty(PublicSurface(assembly));
    }

    [Fact]
    public void PrivacyServices_EntraId_exposes_Core_types_only()
    {
        using var context = NewMetadataLoadContext();
        var assembly = context.LoadFromAssemblyPath(Dependencies["PrivacyServices.EntraId"]);
        var foreign = PublicSurface(assembly)
            .SelectMany(use => Expand(use.Type).Select(type => (use.Where, Type: type)))
            .Where(use => use.Type.Assembly != assembly && !Shared.ContainsKey(use.Type.Assembly.GetName().Name!) && !PlatformAssemblies.Contains(use.Type.Assembly.GetName().Name!))
            .Select(use => $"{use.Where}: {use.Type.FullName}")
            .ToList();

        Assert.True(foreign.Count == 0, "PrivacyServices.EntraId's public API crosses the boundary with:\n" + string.Join("\n", foreign));
    }

    [Fact]
    public void Manifest_loads_nothing_before_the_root_module_and_lists_every_cmdlet_explicitly()
    {
        var manifest = ReadManifest(RepoPaths.ModuleManifest);
        Assert.Equal("PrivacyServices.dll", manifest["RootModule"]);
        foreach (var key in new[] { "NestedModules", "RequiredAssemblies", "ScriptsToProcess", "TypesToProcess" })
        {
            Assert.False(manifest.ContainsKey(key), $"The manifest must not have {key}: PowerShell would load it before the root module, into the shared context.");
        }

        var exported = Assert.IsType<object[]>(manifest["CmdletsToExport"]).Cast<string>().ToList();
        Assert.DoesNotContain(exported, name => name.Contains('*') || name.Contains('?'));
        foreach (var key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
        {
            Assert.Empty(Assert.IsType<object[]>(manifest[key]));
        }

        using var context = NewMetadataLoadContext();
        var cmdlets = context.LoadFromAssemblyPath(Shared["PrivacyServices"]).GetExportedTypes()
            .SelectMany(type => type.GetCustomAttributesData())
            .Where(attribute => attribute.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")
            .Select(attribute => $"{attribute.ConstructorArguments[0].Value}-{attribute.ConstructorArguments[1].Value}")
            .ToList();
        Assert.NotEmpty(cmdlets);
        Assert.Equal(cmdlets.Order(), exported.Order());
    }

    private static Dictionary<string, string> AssemblyFiles(string folder) =>
        Directory.GetFiles(folder, "*.dll").ToDictionary(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase);

    private static List<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }

    /// <summary>The runtime, the engine these tests host (for System.Management.Automation) and the module's two folders.</summary>
    private static MetadataLoadContext NewMetadataLoadContext()
    {
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Append(typeof(System.Management.Automation.PSObject).Assembly.Location)
            .Concat(Shared.Values)
            .Concat(Dependencies.Values);
        return new MetadataLoadContext(new PathAssemblyResolver(paths), typeof(object).Assembly.GetName().Name);
    }

    /// <summary>Every type a caller of the assembly can meet: exported types, their bases and interfaces, and the signatures of their public and protected members.</summary>
    private static IEnumerable<(string Where, Type Type)> PublicSurface(Assembly assembly)
    {
        const BindingFlags members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes())
        {
            yield return (type.FullName!, type);
            if (type.BaseType is { } baseType)
            {
                yield return ($"{type.FullName} base type", baseType);
            }

            foreach (var contract in type.GetInterfaces())
            {
                yield return ($"{type.FullName} interface", contract);
            }

            foreach (var member in type.GetMembers(members))
            {
                var where = $"{type.FullName}.{member.Name}";
                switch (member)
                {
                    case FieldInfo field when IsVisible(field.IsPublic, field.IsFamily, field.IsFamilyOrAssembly):
                        yield return (where, field.FieldType);
                        break;
                    case PropertyInfo property when property.GetAccessors(nonPublic: true).Any(a => IsVisible(a.IsPublic, a.IsFamily, a.IsFamilyOrAssembly)):
                        yield return (where, property.PropertyType);
                        foreach (var index in property.GetIndexParameters())
                        {
                            yield return (where, index.ParameterType);
                        }

                        break;
                    case EventInfo @event when @event.AddMethod is { } add && IsVisible(add.IsPublic, add.IsFamily, add.IsFamilyOrAssembly):
                        yield return (where, @event.EventHandlerType!);
                        break;
                    case MethodBase method when IsVisible(method.IsPublic, method.IsFamily, method.IsFamilyOrAssembly):
                        if (method is MethodInfo withResult)
                        {
                            yield return (where, withResult.ReturnType);
                        }

                        foreach (var parameter in method.GetParameters())
                        {
                            yield return (where, parameter.ParameterType);
                        }

                        break;
                }
            }
        }
    }

    private static bool IsVisible(bool isPublic, bool isFamily, bool isFamilyOrAssembly) => isPublic || isFamily || isFamilyOrAssembly;

    /// <summary>A type and the types it is made of (array elements, generic arguments).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        yield return type;
        if (type.IsConstructedGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    /// <summary>The manifest's top-level keys and their values (strings, object[] for arrays), as PowerShell's parser reads them.</summary>
    private static Dictionary<string, object?> ReadManifest(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        Assert.Empty(errors);
        var table = (HashtableAst)ast.Find(node => node is HashtableAst, searchNestedScriptBlocks: false)!;
        return table.KeyValuePairs.ToDictionary(
            pair => ((StringConstantExpressionAst)pair.Item1).Value,
            pair => ((PipelineAst)pair.Item2).GetPureExpression()!.SafeGetValue() switch
            {
                object[] array => array,
                string single => (object?)single,
                var other => other,
            },
            StringComparer.OrdinalIgnoreCase);
    }
}
