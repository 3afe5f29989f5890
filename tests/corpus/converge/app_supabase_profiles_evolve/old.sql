-- A Supabase-style app evolving: a profiles table referencing auth.users gains columns, a handle_new_user() SECURITY DEFINER trigger on auth.users is added, policies per command are added and changed to auth.uid() checks, grants to anon/authenticated change, a storage-like bucket policy is added.
DO $$ BEGIN CREATE ROLE anon NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE authenticated NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text, raw_user_meta_data jsonb);
CREATE TABLE public.profiles (id uuid NOT NULL PRIMARY KEY REFERENCES auth.users ON DELETE CASCADE, username text UNIQUE, updated_at timestamptz);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Public profiles are viewable by everyone." ON public.profiles FOR SELECT USING (true);
GRANT SELECT ON public.profiles TO anon, authenticated;
