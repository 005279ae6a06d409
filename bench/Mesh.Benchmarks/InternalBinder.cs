using System.Reflection;
using System.Reflection.Emit;

namespace Mesh.Benchmarks;

/// <summary>
/// Binds a delegate to an internal method of an adapter assembly (the Noise handshake types of src/WireGuard are
/// internal; the benchmark calls them directly instead of widening their visibility). Parameters typed
/// <see cref="object"/> in the delegate are cast to the method's internal types; spans pass through unchanged.
/// </summary>
public static class InternalBinder
{
    /// <summary>Binds <typeparamref name="TDelegate"/> to the static or instance method <paramref name="name"/> of <paramref name="type"/>
    /// (for an instance method the delegate's first parameter is the instance).</summary>
    public static TDelegate Method<TDelegate>(Type type, string name)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(type);
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var dparams = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .SingleOrDefault(m => m.Name == name && m.GetParameters().Length + (m.IsStatic ? 0 : 1) == dparams.Length)
            ?? throw new MissingMethodException(type.FullName, name);
        var targets = (method.IsStatic ? [] : new[] { type }).Concat(method.GetParameters().Select(p => p.ParameterType)).ToArray();
        return Emit<TDelegate>(name, invoke.ReturnType, dparams, targets, il => il.EmitCall(method.IsStatic || type.IsValueType ? OpCodes.Call : OpCodes.Callvirt, method, null), method.ReturnType);
    }

    /// <summary>Binds <typeparamref name="TDelegate"/> (returning object) to a constructor of <paramref name="type"/>.</summary>
    public static TDelegate Constructor<TDelegate>(Type type)
        where TDelegate : Delegate
    {
        ArgumentNullException.ThrowIfNull(type);
        var invoke = typeof(TDelegate).GetMethod("Invoke")!;
        var dparams = invoke.GetParameters().Select(p => p.ParameterType).ToArray();
        var ctor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .SingleOrDefault(c => c.GetParameters().Length == dparams.Length)
            ?? throw new MissingMethodException(type.FullName, ".ctor");
        var targets = ctor.GetParameters().Select(p => p.ParameterType).ToArray();
        return Emit<TDelegate>(".ctor", invoke.ReturnType, dparams, targets, il => il.Emit(OpCodes.Newobj, ctor), type);
    }

    private static TDelegate Emit<TDelegate>(string name, Type returnType, Type[] dparams, Type[] targets, Action<ILGenerator> call, Type producedType)
        where TDelegate : Delegate
    {
        var dm = new DynamicMethod("bind_" + name, returnType, dparams, typeof(InternalBinder).Module, skipVisibility: true);
        var il = dm.GetILGenerator();
        for (var i = 0; i < dparams.Length; i++)
        {
            il.Emit(OpCodes.Ldarg, (short)i);
            if (dparams[i] == typeof(object) && targets[i] != typeof(object))
            {
                il.Emit(targets[i].IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, targets[i]);
            }
        }

        call(il);
        if (returnType == typeof(void) && producedType != typeof(void))
        {
            il.Emit(OpCodes.Pop);
        }

        il.Emit(OpCodes.Ret);
        return dm.CreateDelegate<TDelegate>();
    }
}
