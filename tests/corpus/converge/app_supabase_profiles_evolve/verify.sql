SELECT username = 'alice' FROM public.profiles
